"""What the app's edge says: local mode reached from the network, busy or too slow public routes (lib/edge.py)."""

MESSAGES = {
    "edge.local_only.title": {
        "fr": "Cercle n'est ouvert que sur cet ordinateur",
        "en": "Cercle is open on this computer only",
    },
    "edge.local_only.body": {
        "fr": "Cette installation de Cercle n'a pas d'écran de connexion : elle ne répond qu'à l'ordinateur qui "
              "la fait tourner (http://localhost). Pour l'ouvrir à d'autres machines, configurez la connexion "
              "Supabase (SUPABASE_URL et SUPABASE_ANON_KEY, voir « Connexion » dans le README).",
        "en": "This Cercle install has no sign-in screen: it only answers the computer it runs on "
              "(http://localhost). To open it to other machines, configure Supabase sign-in (SUPABASE_URL and "
              "SUPABASE_ANON_KEY, see \"Connexion\" in the README).",
    },
    "edge.busy": {
        "fr": "Trop de requêtes en cours : réessayez dans quelques secondes.",
        "en": "Too many requests in progress: try again in a few seconds.",
    },
    "edge.cli.exposed_without_sign_in": {
        "fr": "Cercle écoute sur {host} mais sans connexion configurée : les autres machines ne recevront que "
              "les liens suivis (/r/…) et les webhooks signés ; l'application et les données restent réservées "
              "à cet ordinateur tant que SUPABASE_URL et SUPABASE_ANON_KEY ne sont pas réglés.",
        "en": "Cercle listens on {host} but without sign-in configured: other machines only get tracked links "
              "(/r/…) and signed webhooks; the app and its data stay reserved to this computer until "
              "SUPABASE_URL and SUPABASE_ANON_KEY are set.",
    },
}

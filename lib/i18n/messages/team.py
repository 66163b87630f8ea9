"""The team page (Équipe), workspace creation, invitations, roles, and the public address setting."""

MESSAGES = {
    "nav.team": {"fr": "Équipe", "en": "Team"},
    "team.title": {"fr": "Équipe et espaces", "en": "Team and workspaces"},
    "team.role.owner": {"fr": "propriétaire", "en": "owner"},
    "team.role.editor": {"fr": "éditeur", "en": "editor"},
    "team.role.viewer": {"fr": "lecteur", "en": "viewer"},
    "team.roles_help": {
        "fr": "Propriétaire : tout, y compris les réglages, l'équipe et les clés des canaux. Éditeur : les contacts, "
              "segments, communautés et liens, mais ni les réglages ni l'équipe. Lecteur : consulte sans rien "
              "modifier.",
        "en": "Owner: everything, including settings, the team and channel keys. Editor: contacts, segments, "
              "communities and links, but neither settings nor the team. Viewer: reads without changing anything.",
    },
    "team.yours": {"fr": "Vos espaces de travail", "en": "Your workspaces"},
    "team.col_workspace": {"fr": "Espace", "en": "Workspace"},
    "team.col_role": {"fr": "Rôle", "en": "Role"},
    "team.col_current": {"fr": "Ouvert", "en": "Open"},
    "team.col_email": {"fr": "E-mail", "en": "Email"},
    "team.col_joined": {"fr": "Depuis le", "en": "Since"},
    "team.col_expires": {"fr": "Valable jusqu'au", "en": "Valid until"},
    "team.col_status": {"fr": "État", "en": "Status"},
    "team.switch_to": {"fr": "Travailler dans", "en": "Work in"},
    "team.switch_button": {"fr": "Ouvrir", "en": "Open"},
    "team.create_title": {"fr": "Créer un espace de travail", "en": "Create a workspace"},
    "team.create_name": {"fr": "Nom du domaine ou de la marque", "en": "Estate or brand name"},
    "team.create_help": {
        "fr": "Un espace a ses propres contacts, segments et communautés, qui ne se mélangent jamais à ceux des "
              "autres espaces. Vous en serez propriétaire.",
        "en": "A workspace has its own contacts, segments and communities, never mixed with other workspaces'. "
              "You will be its owner.",
    },
    "team.create_button": {"fr": "Créer l'espace", "en": "Create the workspace"},
    "team.created": {"fr": "Espace « {workspace} » créé : vous y travaillez maintenant.",
                     "en": "Workspace “{workspace}” created: you are now working in it."},
    "team.members_title": {"fr": "Membres de « {workspace} »", "en": "Members of “{workspace}”"},
    "team.not_owner": {
        "fr": "Seul un propriétaire de l'espace peut inviter, changer les rôles ou retirer des membres.",
        "en": "Only an owner of the workspace can invite, change roles or remove members.",
    },
    "team.member": {"fr": "Membre", "en": "Member"},
    "team.role_title": {"fr": "Changer un rôle", "en": "Change a role"},
    "team.new_role": {"fr": "Nouveau rôle", "en": "New role"},
    "team.role_button": {"fr": "Changer le rôle", "en": "Change the role"},
    "team.role_changed": {"fr": "{email} est maintenant {role}.", "en": "{email} is now {role}."},
    "team.remove_title": {"fr": "Retirer un membre", "en": "Remove a member"},
    "team.remove_confirm": {"fr": "Je confirme : cette personne n'aura plus accès à l'espace.",
                            "en": "I confirm: this person will no longer have access to the workspace."},
    "team.remove_button": {"fr": "Retirer de l'espace", "en": "Remove from the workspace"},
    "team.removed": {"fr": "{email} a été retiré de l'espace.", "en": "{email} was removed from the workspace."},
    "team.transfer_title": {"fr": "Transmettre la propriété", "en": "Transfer ownership"},
    "team.transfer_help": {
        "fr": "Le membre choisi devient propriétaire ; vous restez dans l'espace comme éditeur.",
        "en": "The chosen member becomes the owner; you stay in the workspace as an editor.",
    },
    "team.transfer_confirm": {"fr": "Je confirme la transmission de la propriété.",
                              "en": "I confirm the transfer of ownership."},
    "team.transfer_button": {"fr": "Transmettre", "en": "Transfer"},
    "team.transferred": {"fr": "{email} est maintenant propriétaire ; vous êtes éditeur.",
                         "en": "{email} is now the owner; you are an editor."},
    "team.invite_title": {"fr": "Inviter une personne", "en": "Invite someone"},
    "team.invite_email": {"fr": "Son adresse e-mail", "en": "Their email address"},
    "team.invite_button": {"fr": "Créer l'invitation", "en": "Create the invitation"},
    "team.invited": {
        "fr": "Invitation créée pour {email} ({role}), valable jusqu'au {date}.",
        "en": "Invitation created for {email} ({role}), valid until {date}.",
    },
    "team.link_help": {
        "fr": "Cercle n'envoie pas d'e-mail : copiez ce lien et envoyez-le vous-même. Il ne sert qu'une fois, et "
              "seulement à la personne qui se connecte avec cette adresse. Il n'est affiché qu'ici, maintenant.",
        "en": "Cercle sends no email: copy this link and send it yourself. It works once, and only for the person "
              "who signs in with that address. It is shown only here, now.",
    },
    "team.mailto": {"fr": "Préparer l'e-mail", "en": "Prepare the email"},
    "team.mail_subject": {"fr": "Invitation à rejoindre {workspace} sur Cercle",
                          "en": "Invitation to join {workspace} on Cercle"},
    "team.mail_body": {
        "fr": "Bonjour,\n\nJe vous invite à rejoindre l'espace « {workspace} » sur Cercle, comme {role}.\n"
              "Connectez-vous avec cette adresse e-mail puis ouvrez ce lien :\n{link}\n\nÀ bientôt !",
        "en": "Hello,\n\nI am inviting you to join the workspace “{workspace}” on Cercle, as {role}.\n"
              "Sign in with this email address, then open this link:\n{link}\n\nSee you soon!",
    },
    "team.sent_title": {"fr": "Invitations envoyées", "en": "Invitations sent"},
    "team.status.pending": {"fr": "en attente", "en": "pending"},
    "team.status.used": {"fr": "acceptée", "en": "accepted"},
    "team.status.revoked": {"fr": "annulée", "en": "revoked"},
    "team.status.expired": {"fr": "expirée", "en": "expired"},
    "team.revoke_which": {"fr": "Invitation à annuler", "en": "Invitation to revoke"},
    "team.revoke_button": {"fr": "Annuler l'invitation", "en": "Revoke the invitation"},
    "team.revoked": {"fr": "L'invitation de {email} est annulée : son lien ne fonctionne plus.",
                     "en": "The invitation for {email} is revoked: its link no longer works."},
    "team.local_mode": {
        "fr": "Cercle fonctionne ici en mode local, avec un seul utilisateur et sans connexion : les invitations "
              "demandent la connexion Supabase (SUPABASE_URL et sa clé publique dans les réglages du serveur). "
              "Vous pouvez quand même créer des espaces et passer de l'un à l'autre.",
        "en": "Cercle runs here in local mode, with a single user and no sign-in: invitations need Supabase "
              "sign-in (SUPABASE_URL and its public key in the server settings). You can still create workspaces "
              "and switch between them.",
    },
    "team.join_title": {"fr": "Rejoindre un espace", "en": "Join a workspace"},
    "team.join_local": {
        "fr": "Cette invitation demande une connexion : en mode local, sans Supabase, personne d'autre ne peut "
              "rejoindre vos espaces.",
        "en": "This invitation needs a sign-in: in local mode, without Supabase, nobody else can join your "
              "workspaces.",
    },
    "team.join_intro": {
        "fr": "Vous êtes invité à rejoindre « {workspace} » comme {role} (lien valable jusqu'au {date}).",
        "en": "You are invited to join “{workspace}” as {role} (link valid until {date}).",
    },
    "team.join_button": {"fr": "Rejoindre l'espace", "en": "Join the workspace"},
    "team.joined": {"fr": "Bienvenue dans « {workspace} » !", "en": "Welcome to “{workspace}”!"},
    "team.leave_title": {"fr": "Quitter cet espace", "en": "Leave this workspace"},
    "team.leave_help": {
        "fr": "Vous n'aurez plus accès à ses contacts. Le dernier propriétaire doit d'abord transmettre la "
              "propriété à un autre membre.",
        "en": "You will no longer have access to its contacts. The last owner must first transfer ownership to "
              "another member.",
    },
    "team.leave_confirm": {"fr": "Je confirme : je quitte « {workspace} ».",
                           "en": "I confirm: I am leaving “{workspace}”."},
    "team.leave_button": {"fr": "Quitter l'espace", "en": "Leave the workspace"},
    "team.left": {"fr": "Vous avez quitté « {workspace} ».", "en": "You left “{workspace}”."},
    # refusals (WorkspaceError codes, many raised by the database functions of the team migration)
    "team.error.name_required": {"fr": "Donnez un nom à l'espace.", "en": "Give the workspace a name."},
    "team.error.name_too_long": {"fr": "Le nom ne peut pas dépasser 120 caractères.",
                                 "en": "The name cannot be longer than 120 characters."},
    "team.error.bad_email": {"fr": "Cette adresse e-mail n'est pas valide.", "en": "This email address is not valid."},
    "team.error.bad_role": {
        "fr": "Choisissez éditeur ou lecteur : on devient propriétaire seulement par transmission.",
        "en": "Choose editor or viewer: one becomes owner only by a transfer.",
    },
    "team.error.bad_validity": {"fr": "Une invitation est valable d'une heure à 30 jours.",
                                "en": "An invitation is valid from one hour to 30 days."},
    "team.error.already_member": {"fr": "Cette personne est déjà membre de l'espace.",
                                  "en": "This person is already a member of the workspace."},
    "team.error.unknown_invitation": {
        "fr": "Ce lien d'invitation n'est pas reconnu : vérifiez qu'il a été copié en entier.",
        "en": "This invitation link is not recognised: check that it was copied in full.",
    },
    "team.error.invitation_used": {"fr": "Cette invitation a déjà servi : demandez-en une nouvelle.",
                                   "en": "This invitation was already used: ask for a new one."},
    "team.error.invitation_revoked": {"fr": "Cette invitation a été annulée par le propriétaire de l'espace.",
                                      "en": "This invitation was revoked by the workspace's owner."},
    "team.error.invitation_expired": {"fr": "Cette invitation a expiré : demandez-en une nouvelle.",
                                      "en": "This invitation has expired: ask for a new one."},
    "team.error.wrong_email": {
        "fr": "Cette invitation a été envoyée à une autre adresse e-mail : connectez-vous avec l'adresse invitée.",
        "en": "This invitation was sent to another email address: sign in with the invited address.",
    },
    "team.error.email_unconfirmed": {
        "fr": "Confirmez d'abord votre adresse e-mail (lien reçu à l'inscription), puis rouvrez l'invitation.",
        "en": "Confirm your email address first (link received at sign-up), then open the invitation again.",
    },
    "team.error.sign_in_required": {"fr": "Connectez-vous pour accepter une invitation.",
                                    "en": "Sign in to accept an invitation."},
    "team.error.unknown_member": {"fr": "Cette personne n'est pas membre de l'espace.",
                                  "en": "This person is not a member of the workspace."},
    "team.error.remove_self": {"fr": "Pour vous retirer vous-même, quittez l'espace.",
                               "en": "To remove yourself, leave the workspace."},
    "team.error.transfer_self": {"fr": "Choisissez un autre membre que vous.", "en": "Choose a member other than you."},
    "team.error.last_owner": {
        "fr": "Un espace garde toujours un propriétaire : transmettez d'abord la propriété à un autre membre.",
        "en": "A workspace always keeps an owner: transfer ownership to another member first.",
    },
    "team.error.owner_only": {"fr": "Seul un propriétaire de l'espace peut faire cela.",
                              "en": "Only an owner of the workspace can do this."},
    "team.error.bad_base_url": {
        "fr": "L'adresse publique doit être une adresse web complète en http:// ou https:// (par exemple "
              "https://cercle.mon-domaine.fr), sans « ? » ni « # ».",
        "en": "The public address must be a full http:// or https:// web address (for example "
              "https://cercle.my-estate.com), without “?” or “#”.",
    },
    # the settings page's public address
    "team.settings.base_url": {"fr": "Adresse publique de Cercle", "en": "Cercle's public address"},
    "team.settings.base_url_help": {
        "fr": "L'adresse par laquelle vos clients et votre équipe joignent Cercle : elle commence les liens suivis, "
              "les QR codes et les liens d'invitation. Vide : celle du serveur ({default}).",
        "en": "The address your customers and team reach Cercle at: it starts tracked links, QR codes and "
              "invitation links. Empty: the server's ({default}).",
    },
    "team.settings.owner_only": {
        "fr": "Seul un propriétaire de l'espace peut modifier ses réglages.",
        "en": "Only an owner of the workspace can change its settings.",
    },
    # the audit log's sentences for the team's actions
    "audit.action.workspace_created": {"fr": "Espace créé", "en": "Workspace created"},
    "audit.action.invitation_accepted": {"fr": "Invitation acceptée", "en": "Invitation accepted"},
    "audit.action.invitation_revoked": {"fr": "Invitation annulée", "en": "Invitation revoked"},
    "audit.action.member_removed": {"fr": "Membre retiré", "en": "Member removed"},
    "audit.action.member_left": {"fr": "Départ d'un membre", "en": "Member left"},
    "audit.action.ownership_transferred": {"fr": "Propriété transmise", "en": "Ownership transferred"},
    "audit.say.workspace_created": {"fr": "Espace « {workspace} » créé.", "en": "Workspace “{workspace}” created."},
    "audit.say.invitation_accepted": {"fr": "Invitation acceptée (rôle : {role}).",
                                      "en": "Invitation accepted (role: {role})."},
    "audit.say.invitation_revoked": {"fr": "Une invitation a été annulée.", "en": "An invitation was revoked."},
    "audit.say.member_removed": {"fr": "Un membre ({role}) a été retiré de l'espace.",
                                 "en": "A member ({role}) was removed from the workspace."},
    "audit.say.member_left": {"fr": "Un membre ({role}) a quitté l'espace.", "en": "A member ({role}) left."},
    "audit.say.ownership_transferred": {"fr": "Propriété de l'espace transmise à un autre membre.",
                                        "en": "Workspace ownership transferred to another member."},
    "audit.setting.public_base_url": {"fr": "adresse publique", "en": "public address"},
}

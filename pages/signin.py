"""Connexion: the only page of a shared instance until the browser session is signed in."""

from lib.ui.signin import render

render()

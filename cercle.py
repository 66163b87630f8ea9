#!/usr/bin/env python3
"""Cercle's two commands, for a machine with only Python 3.11+:

    python3 cercle.py            start the app (installs what it needs into .venv on first use)
    python3 cercle.py test       lint and run the whole test suite (unit, db, app, browser) in a random order,
                                 then the date-dependent tests a year ahead and a year back
    python3 cercle.py test -m unit   one layer alone (unit, db, app or e2e); any pytest arguments work

Options after `python3 cercle.py`: --port N (default 8501). Anything after `test` goes to pytest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[cercle] {message}", flush=True)


def fail(message: str, code: int = 2) -> None:
    print(f"[cercle] {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def ensure_environment(requirements: str) -> None:
    """Creates .venv and installs ``requirements`` when they changed since the last install."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before the venv, on any Python
        fail("Cercle demande Python 3.11 ou plus récent (trouvé : {}.{}).".format(*sys.version_info[:2]))
    if not PYTHON.exists():
        say("Création de l'environnement Python dans .venv …")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256()
    for name in ("requirements.txt", requirements):
        wanted.update((ROOT / name).read_bytes())
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if stamp.exists() and stamp.read_text() == wanted.hexdigest():
        return
    say(f"Installation des dépendances ({requirements}) …")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if subprocess.call(pip + ["-r", str(ROOT / requirements)]) != 0:
        fail("L'installation des dépendances a échoué (voir ci-dessus). Vérifiez l'accès à PyPI puis relancez.")
    stamp.write_text(wanted.hexdigest())


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def start(args: list[str]) -> int:
    port = 8501
    if "--port" in args:
        try:
            port = int(args[args.index("--port") + 1])
        except (IndexError, ValueError):
            fail("Utilisation : python3 cercle.py [--port NUMÉRO]")
    if not port_free(port):
        fail(f"Le port {port} est déjà utilisé (Cercle tourne peut-être déjà : ouvrez http://localhost:{port}). "
             f"Pour en lancer un autre : python3 cercle.py --port {port + 1}")
    ensure_environment("requirements.txt")
    say(f"Cercle démarre : ouvrez http://localhost:{port} dans votre navigateur (Ctrl+C pour arrêter).")
    command = [str(PYTHON), "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    try:
        return subprocess.call(command, cwd=ROOT)
    except KeyboardInterrupt:
        return 0


def ensure_chromium() -> None:
    """Debian's Chromium drives the browser tests; installed with apt-get when missing and allowed."""
    if CHROMIUM.exists():
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("Installation de Chromium (paquet Debian) pour les tests navigateur …")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.call([apt, "update", "-qq"], env=env)
        subprocess.call([apt, "install", "-y", "-qq", "chromium"], env=env)
    if not CHROMIUM.exists():
        fail("Chromium est introuvable (/usr/bin/chromium) : installez le paquet Debian « chromium » "
             "(sudo apt-get install chromium). Les tests navigateur ne sont pas facultatifs.")


def pytest_run(args: list[str], env: dict[str, str] | None = None) -> int:
    """One pytest run; « no test ran » (pytest's exit 5) is a failure, not a pass."""
    code = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)
    if code == 5:
        say("Aucun test n'a été exécuté : c'est une erreur.")
        return 1
    return code


def moved_days(days: int) -> str:
    """The reference day ``days`` from the real one, as CERCLE_TODAY takes it."""
    import datetime as dt

    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def test(args: list[str]) -> int:
    """Lint, then the suite in a random order (pytest-randomly prints the seed: ``-p randomly -p 'randomly_seed=N'``
    replays it). With no arguments, the tests that depend on the day run again a year ahead and a year back."""
    ensure_environment("requirements-dev.txt")
    ensure_chromium()
    say("Lint (ruff) …")
    if subprocess.call([str(PYTHON), "-m", "ruff", "check", "."], cwd=ROOT) != 0:
        return 1
    say("Tests (pytest : unit, db, app, e2e), dans un ordre tiré au hasard …")
    code = pytest_run(args)
    if code != 0 or args:
        return code
    for days in (366, -366):
        day = moved_days(days)
        say(f"Tests qui dépendent de la date, avec le jour de référence déplacé au {day} …")
        code = pytest_run(["-m", "clock", "-q"], env=dict(os.environ, CERCLE_TODAY=day))
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv and argv[0] == "test":
        return test(argv[1:])
    return start(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The README's commands: cercle.py refuses a busy port in plain French."""

from __future__ import annotations

import socket
import subprocess
import sys

from tests.support.db import PROJECT_ROOT


def test_start_refuses_a_port_in_use_with_a_french_sentence():
    """If the port is taken, the runner says so and suggests another, without a traceback."""
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, str(PROJECT_ROOT / "cercle.py"), "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"Le port {port} est déjà utilisé" in result.stderr
    assert "Traceback" not in result.stderr

"""The only part of lib/ that imports streamlit: per-session state and shared widgets."""

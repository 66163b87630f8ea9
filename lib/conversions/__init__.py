"""Conversions: orders in, attribution to communities and links, and the figures that show what pays."""

"""Audiences: interests, purchasing ability, reachability and the rules that combine them."""

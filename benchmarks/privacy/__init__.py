"""Privacy-guard benchmark: Waarborg against deduce and Presidio on a labelled Dutch corpus."""

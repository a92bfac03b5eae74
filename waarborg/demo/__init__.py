"""The demo organisation 'Gemeente Voorbeeld', for trying Waarborg on a laptop."""

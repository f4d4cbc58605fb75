"""Context: when and where events happened, and who said what."""

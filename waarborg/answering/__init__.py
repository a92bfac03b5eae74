"""Answer engines (extractive built in; generative through a model back-end), grounding
verification, refusal and the AI label."""

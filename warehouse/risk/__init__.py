"""The risk matrix: probability and impact of touchpoints, categories and regions."""

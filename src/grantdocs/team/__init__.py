"""Teams: several profiles in one proposal (``team.yaml``), and the documents built from all."""

"""Use cases. Every change of state goes through one function here; pages never write models."""

"""Cost per beneficiary: money records, their pairing with beneficiary counts, the output
table with one headline per actor, and the sensitivity of each headline."""

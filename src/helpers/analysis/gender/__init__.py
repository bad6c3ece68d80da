"""Gender-disaggregated reach: which figures count, reach units, metrics, women among
leaders and trainees, the share model, and the traceability tables."""

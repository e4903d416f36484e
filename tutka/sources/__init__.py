"""Statistics APIs feeding the import pipeline: Sotkanet (THL) and StatFin PxWeb (Statistics Finland)."""

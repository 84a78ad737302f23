"""Every change to the catalogue's data: saving with the optimistic lock, the workflow, restores,
search-index writes, loading the shipped catalogue. Writes return data; they never build HTML or
admin URLs (the admin presents what they return)."""

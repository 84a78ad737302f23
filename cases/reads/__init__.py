"""Everything a page, an export or the admin's history reads. Reads never write.

Each read owns its prefetching, so templates never query; public reads start from
`Case.objects.published()`.
"""

"""The M49 region tree, read once per request: what "in Africa" means for filters and counts."""

from ..models import Region

# Our own region for Antarctica, which has no M49 sub-region (see the README's data notes). It
# holds no case unless one is about Antarctica, so the region facet shows it only then.
ANTARCTICA = "010"


def region_tree():
    """All regions by code, each with `.child_regions`, `.subtree` (codes) and `.depth`."""
    regions = {region.code: region for region in Region.objects.all()}
    for region in regions.values():
        region.child_regions = []
    for region in regions.values():
        if region.parent_id in regions:
            regions[region.parent_id].child_regions.append(region)

    def walk(region, depth):
        region.depth = depth
        region.subtree = {region.code}
        for child in region.child_regions:
            walk(child, depth + 1)
            region.subtree |= child.subtree

    for region in regions.values():
        if region.parent_id is None:
            walk(region, 0)
    return regions


def regions_in_tree_order(regions):
    """Regions depth-first from World, children in code order (what a reader scans)."""
    ordered = []

    def walk(region):
        ordered.append(region)
        for child in sorted(region.child_regions, key=lambda r: r.code):
            walk(child)

    for region in sorted(regions.values(), key=lambda r: r.code):
        if region.parent_id is None:
            walk(region)
    return ordered

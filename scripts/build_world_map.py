"""Build the world map's static asset from the npm packages `world-atlas` (Natural Earth's
admin-0 countries as TopoJSON) and `i18n-iso-countries` (ISO 3166-1 numeric -> alpha-2).

    npm install   # world-atlas and i18n-iso-countries are devDependencies in package.json
    .venv/bin/python scripts/build_world_map.py [--node-modules DIR]

Writes two committed files; run it again only to change the map's look or data:

- `static/maps/world.svg`: one `<symbol id="KE">` per country shape (1:110m) or marker (a
  country or territory too small for that scale, placed at its largest polygon's centre at
  1:10m), keyed by ISO 3166-1 alpha-2 code, plus `land` (every country's area) and `borders`
  (every boundary once). Pages draw `land` and `borders`, then a `<use href="world.svg#KE">`
  per country with cases: the geometry is one long-cached static file, each page sends counts
  and classes only.
- `cases/world_map_shapes.py`: which codes are shapes and which are markers, and the map's size.

Shapes without an ISO code (Natural Earth's "Somaliland" and "N. Cyprus", "Kosovo") are handled
as the geography fixture handles them: it has no such countries (it lists ISO 3166-1), so the
first two are drawn as part of the country M49 and ISO count them in (Somalia, Cyprus), and
Kosovo, which neither lists, is land without a country of its own (no count, no link).
Antarctica is left out (no case is about it; it would take a fifth of the map).
"""

import argparse
import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG_PATH = ROOT / "static" / "maps" / "world.svg"
CODES_PATH = ROOT / "cases" / "world_map_shapes.py"
GEOGRAPHY = ROOT / "fixtures" / "geography.json"

WIDTH = 1000  # viewBox units; the map scales to its box
NORTH, SOUTH = 84.0, -57.0  # latitudes kept (Antarctica is left out)
UNCODED = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": None}
LEFT_OUT = {"AQ"}
MARKER_RADIUS = 5
TINY = 8  # a shape less than this wide and high (in map units, about pixels) gets a marker
TARGET_RADIUS = 12  # a 24-unit circle around each marker: the pointer target (WCAG 2.5.8)

# Territories that Natural Earth's 1:10m admin-0 map draws as part of another country (French
# overseas departments, Bonaire, Svalbard ...) or not at all: (longitude, latitude) of their
# main island or town.
EXTRA_MARKERS = {
    "BQ": (-68.27, 12.18),  # Bonaire
    "BV": (3.41, -54.42),  # Bouvet Island
    "CC": (96.87, -12.16),  # Cocos (Keeling) Islands
    "CX": (105.69, -10.49),  # Christmas Island
    "GF": (-53.13, 3.93),  # French Guiana
    "GP": (-61.55, 16.25),  # Guadeloupe
    "MQ": (-61.02, 14.64),  # Martinique
    "RE": (55.54, -21.12),  # Réunion
    "SJ": (15.65, 78.22),  # Svalbard
    "TK": (-171.85, -9.20),  # Tokelau
    "YT": (45.17, -12.83),  # Mayotte
}


# -- Equal Earth projection (Šavrič, Patterson, Jenny 2018): equal-area, so large countries do
# not look more important than they are.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = math.pi / (M * A1)
SCALE = WIDTH / (2 * X_MAX)


def _equal_earth(longitude, latitude):
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


TOP = _equal_earth(0, NORTH)[1]
HEIGHT = round((TOP - _equal_earth(0, SOUTH)[1]) * SCALE)


def project(longitude, latitude):
    latitude = max(min(latitude, NORTH), SOUTH)
    x, y = _equal_earth(longitude, latitude)
    return round((x + X_MAX) * SCALE, 1), round((TOP - y) * SCALE, 1)


# -- TopoJSON ---------------------------------------------------------------------------------


def decoded_arcs(topology):
    """Each arc as absolute (longitude, latitude) points (quantized, delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return unwrapped(points)


def unwrapped(points):
    """Points of a line crossing the antimeridian (Fiji, Chukotka) kept on the side where most
    of it lies: longitudes made continuous, then held at ±180, so no edge spans the map."""
    if not points:
        return points
    continuous = [points[0]]
    for longitude, latitude in points[1:]:
        previous = continuous[-1][0]
        while longitude - previous > 180:
            longitude -= 360
        while previous - longitude > 180:
            longitude += 360
        continuous.append((longitude, latitude))
    shift = 0
    mean = sum(p[0] for p in continuous) / len(continuous)
    if mean > 180:
        shift = -360
    elif mean < -180:
        shift = 360
    return [(max(-180.0, min(180.0, x + shift)), y) for x, y in continuous]


def polygons(arcs, geometry):
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def path_data(rings):
    """SVG path data: absolute start, then relative moves (shorter), one decimal."""
    parts = []
    for points in rings:
        projected = [project(*point) for point in points]
        deduplicated = [projected[0]]
        for point in projected[1:]:
            if point != deduplicated[-1]:
                deduplicated.append(point)
        if len(deduplicated) < 3:
            continue
        x0, y0 = deduplicated[0]
        steps = [f"M{_number(x0)} {_number(y0)}l"]
        previous = (x0, y0)
        deltas = []
        for x, y in deduplicated[1:]:
            deltas.append(f"{_number(x - previous[0])} {_number(y - previous[1])}")
            previous = (x, y)
        steps.append(" ".join(deltas))
        parts.append("".join(steps) + "z")
    return "".join(parts)


def line_data(points):
    points = unwrapped(points)
    projected = [project(*point) for point in points]
    x0, y0 = projected[0]
    deltas = []
    previous = (x0, y0)
    for x, y in projected[1:]:
        deltas.append(f"{_number(x - previous[0])} {_number(y - previous[1])}")
        previous = (x, y)
    return f"M{_number(x0)} {_number(y0)}l" + " ".join(deltas)


def _number(value):
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _area_and_centre(points):
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return 0.0, points[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def largest_centre(arcs, geometry):
    best = (-1.0, None)
    for polygon in polygons(arcs, geometry):
        area, centre = _area_and_centre(polygon[0])
        if area > best[0]:
            best = (area, centre)
    return best[1]


# -- building ---------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", default=str(ROOT / "node_modules"))
    modules = Path(parser.parse_args().node_modules)
    alpha2 = {
        numeric: code
        for code, _alpha3, numeric, _subdivision in json.loads(
            (modules / "i18n-iso-countries" / "codes.json").read_text()
        )
    }
    known = {
        row["pk"] for row in json.loads(GEOGRAPHY.read_text()) if row["model"] == "cases.country"
    }
    coarse = json.loads((modules / "world-atlas" / "countries-110m.json").read_text())
    fine = json.loads((modules / "world-atlas" / "countries-10m.json").read_text())

    arcs = decoded_arcs(coarse)
    shapes = {}  # code -> list of rings
    land = []
    for geometry in coarse["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = alpha2.get(geometry.get("id")) if geometry.get("id") else UNCODED[name]
        if code in LEFT_OUT:
            continue
        rings = [r for polygon in polygons(arcs, geometry) for r in polygon]
        if code is None:
            land.extend(rings)
            continue
        if code not in known:
            raise SystemExit(f"{name} ({code}) is not in {GEOGRAPHY.name}")
        shapes.setdefault(code, []).extend(rings)
    # The land under every country, for the countries without cases (one path, merged).
    for geometry in coarse["objects"]["land"]["geometries"]:
        for polygon in polygons(arcs, geometry):
            if max(latitude for _longitude, latitude in polygon[0]) > SOUTH:  # not Antarctica
                land.extend(polygon)

    used_arcs = set()
    for geometry in coarse["objects"]["countries"]["geometries"]:
        if geometry.get("id") and alpha2.get(geometry["id"]) in LEFT_OUT:
            continue
        for polygon in (
            geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        ):
            for r in polygon:
                used_arcs.update(i if i >= 0 else ~i for i in r)
    borders = "".join(line_data(arcs[i]) for i in sorted(used_arcs))

    fine_arcs = decoded_arcs(fine)
    centres = dict(EXTRA_MARKERS)
    for geometry in fine["objects"]["countries"]["geometries"]:
        code = alpha2.get(geometry.get("id"))
        if code in known and code not in shapes and code not in LEFT_OUT and code not in centres:
            centres[code] = largest_centre(fine_arcs, geometry)
    missing = known - set(shapes) - set(centres) - LEFT_OUT
    if missing:
        raise SystemExit(f"no shape or marker for {sorted(missing)}")
    # Shapes too small to see or point at (Luxembourg, Brunei ...) get a marker over them.
    for code, rings in shapes.items():
        points = [project(*point) for ring_ in rings for point in ring_]
        xs, ys = [x for x, _y in points], [y for _x, y in points]
        if max(max(xs) - min(xs), max(ys) - min(ys)) < TINY:
            largest = max(rings, key=lambda ring_: _area_and_centre(ring_)[0])
            centres[code] = _area_and_centre(largest)[1]
    markers = {code: project(*centres[code]) for code in sorted(centres)}

    lines = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">',
        "<!-- Made with Natural Earth (public domain), via the npm package world-atlas 2 "
        "(ISC licence); built by scripts/build_world_map.py. -->",
        "<defs>",
        f'<symbol id="land" overflow="visible"><path d="{path_data(land)}"/></symbol>',
        f'<symbol id="borders" overflow="visible"><path d="{borders}"/></symbol>',
    ]
    for code in sorted(set(shapes) - set(markers)):
        lines.append(
            f'<symbol id="{code}" overflow="visible"><path d="{path_data(shapes[code])}"/></symbol>'
        )
    for code, (x, y) in markers.items():
        shape = f'<path d="{path_data(shapes[code])}"/>' if code in shapes else ""
        lines.append(
            f'<symbol id="{code}" overflow="visible">{shape}'
            f'<circle class="map-target" cx="{_number(x)}" cy="{_number(y)}" r="{TARGET_RADIUS}"'
            ' opacity="0"/>'
            f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{MARKER_RADIUS}"/></symbol>'
        )
    lines += [
        "</defs>",
        '<use href="#land" fill="#d9d9d9"/>',
        '<use href="#borders" fill="none" stroke="#fff" stroke-width="0.5"/>',
        "</svg>",
        "",
    ]
    SVG_PATH.parent.mkdir(parents=True, exist_ok=True)
    SVG_PATH.write_text("\n".join(lines))

    CODES_PATH.write_text(
        '"""Generated by scripts/build_world_map.py: what static/maps/world.svg holds."""\n\n'
        f"WIDTH = {WIDTH}\nHEIGHT = {HEIGHT}\n"
        "# Countries drawn as their 1:110m shape.\n"
        f"SHAPES = frozenset({_codes(set(shapes) - set(markers))})\n"
        f"# Countries and territories too small for that scale, drawn as a marker (over their\n"
        f"# shape where the map has one).\n"
        f"MARKERS = frozenset({_codes(markers)})\n"
    )
    print(
        f"{SVG_PATH.relative_to(ROOT)}: {len(set(shapes) - set(markers))} shapes, "
        f"{len(markers)} markers, "
        f"{SVG_PATH.stat().st_size} bytes"
    )


def _codes(codes):
    return "{\n" + "".join(f'    "{code}",\n' for code in sorted(codes)) + "}"


if __name__ == "__main__":
    main()

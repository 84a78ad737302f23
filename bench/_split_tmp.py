import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("ALLOW_DEVELOPMENT_SECRET", "true")
import django

django.setup()
from django.test import Client, override_settings
from django.utils import translation

from cases.reads.case_page import case_page, published_case

translation.activate("en")


def t(f, n=40, clock=time.process_time):
    f()
    xs = []
    for _ in range(n):
        s = clock()
        f()
        xs.append((clock() - s) * 1000)
    return statistics.median(xs)


print(" published_case", t(lambda: published_case("bench-0")))
print(" case_page", t(lambda: case_page(published_case("bench-0"))))
c = Client()
with override_settings(PAGE_CACHE=False):
    for u in [
        "/en/cases/bench-0/",
        "/en/cases/",
        "/en/",
        "/en/feed/",
        "/en/cases/?q=%E7%A4%BE%E4%BF%9D",
        "/bench/trivial/",
    ]:
        print(u, t(lambda: c.get(u)), t(lambda: c.get(u), clock=time.perf_counter))
import cProfile
import pstats

case = published_case("bench-0")
pr = cProfile.Profile()
pr.enable()
for _ in range(20):
    case_page(case)
pr.disable()
pstats.Stats(pr).sort_stats("tottime").print_stats(15)

"""The admin index's summary of the Publishers' queue (counts and a link)."""

from django import template

from ..reads.queue import queue_counts

register = template.Library()


@register.simple_tag
def review_queue_counts():
    return queue_counts()

"""The catalogue in other forms than pages: CSV, Atom feed, sitemap. All read through
`cases.reads`, with the list's filters, so an export shows exactly the page's cases."""

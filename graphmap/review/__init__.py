"""Quarterly risk review: snapshots per quarter, diffs of findings and key
figures, and the review as a PowerPoint deck or one HTML page.

* :mod:`graphmap.review.figures`: key figures per technology (one function
  used by everything below);
* :mod:`graphmap.review.snapshot`: content-hashed, atomically written
  snapshots in the workspace;
* :mod:`graphmap.review.diff`: findings new, resolved and persisting, and
  figure moves;
* :mod:`graphmap.review.content`: the review content, built once;
* :mod:`graphmap.review.charts`: static images (matplotlib);
* :mod:`graphmap.review.deck` and :mod:`graphmap.review.report`: renderers.
"""

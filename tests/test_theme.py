"""Our one theme override stays Material's partial plus the dialog's accessible name."""

from __future__ import annotations

from pathlib import Path

import material
from conftest import ROOT


def test_search_partial_is_upstream_plus_aria_label():
    upstream = (Path(material.__file__).parent / "templates/partials/search.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides/partials/search.html").read_text(encoding="utf-8")
    dialog = 'role="dialog"'
    labelled = dialog + " aria-label=\"{{ lang.t('search') }}\""
    assert labelled in ours
    strip_header = lambda text: text.split("-#}", 1)[1].lstrip("\n")  # noqa: E731
    assert strip_header(ours).replace(labelled, dialog) == strip_header(upstream), (
        "Material's partial changed: re-copy it"
    )

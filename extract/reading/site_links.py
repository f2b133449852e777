"""Links between posts that a static site generator writes as shortcodes.

A blog of paper posts links one post from another through its generator, not a path:
Hugo's `[Fern]({{< ref "posts/fern.md" >}})` (or `relref`, `{{% ... %}}`) and Jekyll's
`[Fern]({% post_url 2024-03-01-fern %})` or `{% link _posts/2024-03-01-fern.md %}`. As
written they are no link CommonMark reads, so the relation between the two papers was lost.
Each is rewritten, on its line, as a plain link to the post's file, which links between
notes resolve like any other (`note_links`, by path, else by the file's name).
"""

from __future__ import annotations

import posixpath
import re

_HUGO = re.compile(r"\]\(\s*\{\{[<%]\s*(?:rel)?ref\s+\"([^\"]+)\"\s*[>%]\}\}\s*\)")
_JEKYLL_POST = re.compile(r"\]\(\s*\{%\s*post_url\s+([^\s%]+)\s*%\}\s*\)")
_JEKYLL_LINK = re.compile(r"\]\(\s*\{%\s*link\s+([^\s%]+)\s*%\}\s*\)")


def markdown_from_site_links(text: str) -> str:
    """The text with each generator's link to another post as a link to its file."""
    if "{{" not in text and "{%" not in text:
        return text
    text = _HUGO.sub(lambda m: f"]({_file(m.group(1))})", text)
    text = _JEKYLL_POST.sub(lambda m: f"]({_file(m.group(1))})", text)
    return _JEKYLL_LINK.sub(lambda m: f"]({_file(m.group(1))})", text)


def _file(target: str) -> str:
    """The post's file name (`posts/fern.md`, `/posts/fern/`, `2024-03-01-fern`): its
    folder differs between the generator's view and the notes folder, its name does not."""
    name = posixpath.basename(target.strip().strip("/")) or target
    name = name.split("#", 1)[0]
    return name if name.lower().endswith((".md", ".markdown")) else name + ".md"

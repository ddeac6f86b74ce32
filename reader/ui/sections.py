"""The Sections navigator: the document outline as a tree, with scroll-spy.

The tree only reports a choice (Enter or click); following the reader's
position is `follow`, which moves the cursor without choosing, so scrolling
and choosing never feed back into each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.ui.scrollbars import SteadyScrollbars
from reader.ui.messages import WidgetMessage
from reader.core.model import Document, Section
from reader.ui.wrap import sanitize


class SectionsTree(SteadyScrollbars, Tree[Section]):
    """Every section of a document, nested, expanded."""

    BINDINGS: list[BindingType] = [
        Binding("j", "cursor_down", "Next entry", show=False, id="sections.down"),
        Binding("k", "cursor_up", "Previous entry", show=False, id="sections.up"),
    ]

    _building = False  # (a class default: Tree's own __init__ invalidates already)
    MAX_ENTRIES = 5000
    """The most sections listed: Textual's Tree takes seconds for tens of thousands."""

    @dataclass
    class Chosen(WidgetMessage):
        """The reader chose `section` (Enter or click)."""

        section: Section

    def __init__(self, doc: Document, **kwargs) -> None:
        super().__init__(Text(sanitize(doc.title)), data=doc.root, **kwargs)
        self.doc = doc
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._section_nodes: dict[int, TreeNode[Section]] = {}
        self._build_outline(doc.root)

    def _invalidate(self) -> None:
        # Textual's Tree refreshes on every node added (a book of 50,000 headings
        # meant 200,000 messages and 30 s); while building, refresh once at the end.
        if not self._building:
            super()._invalidate()

    def _build_outline(self, outline: Section) -> None:
        """Add every section of `outline` below the root, expanded, refreshing once."""
        self._building = True
        try:
            self._add_children(self.root, outline)
            self.root.expand()  # children are added expanded: `expand_all` posts a message per node
        finally:
            self._building = False
        self._invalidate()

    def set_outline(self, outline: Section) -> None:
        """Show this outline: a big document's scanned outline, then its parsed one.

        Both list the same sections in the same order, so section indices (and
        the cursor) carry over.
        """
        if self._same_entries(outline):
            # The usual case: point the nodes at the new sections, keep everything drawn
            # (a rebuild of a book's 382 entries held the screen for 30 ms).
            for section in outline.walk():
                node = self._section_nodes.get(section.index) if section is not outline else self.root
                node.data = section
            return
        current = self.current
        self.clear()
        self.root.data = outline
        self._section_nodes.clear()
        self._build_outline(outline)
        if current is not None and current.index in self._section_nodes:
            self.move_cursor(self._section_nodes[current.index], animate=False)

    def _same_entries(self, outline: Section) -> bool:
        """True if `outline` lists exactly the sections shown: same titles, levels and nesting."""
        nodes = self._section_nodes
        count = 0
        for section in outline.walk():
            if section is outline:
                continue
            count += 1
            node = nodes.get(section.index)
            shown = None if node is None else node.data
            if shown is None or (shown.title, shown.level) != (section.title, section.level):
                return False
            if (shown.parent is None) != (section.parent is None) or (
                section.parent is not None and shown.parent.index != section.parent.index
            ):
                return False
        return count == len(nodes) and count <= self.MAX_ENTRIES

    def _add_children(self, node: TreeNode[Section], section: Section) -> None:
        """Add `section`'s subsections below `node`, in document order, up to `MAX_ENTRIES`.

        Past that (a file of 50,000 headings) a last entry says how many are
        left out; the command palette's "Go to section" still reaches them all.
        """
        nodes = {section.index: node}
        for count, child in enumerate(s for s in section.walk() if s is not section):
            if count == self.MAX_ENTRIES:
                left = sum(1 for _ in section.walk()) - 1 - count
                node.add_leaf(Text(f"… {left:,} more (ctrl+p: Go to section)", style="dim italic"))
                return
            parent = nodes.get(child.parent.index if child.parent else section.index, node)
            label = Text(sanitize(child.title) or "(untitled)")
            if child.children:
                nodes[child.index] = parent.add(label, data=child, expand=True)
            else:
                nodes[child.index] = parent.add_leaf(label, data=child)
            self._section_nodes[child.index] = nodes[child.index]

    @property
    def current(self) -> Section | None:
        """The section under the cursor."""
        node = self.cursor_node
        return None if node is None else node.data

    def follow(self, section: Section) -> None:
        """Move the cursor to `section` (the root means: no section yet)."""
        node = self._section_nodes.get(section.index) if section.level > 0 else None
        if node is None:
            if self.cursor_line != -1 and section.level == 0:
                self.move_cursor(None)
            return
        if self.cursor_node is not node:
            self.move_cursor(node, animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Section]) -> None:
        """Turn the tree's selection into a section choice."""
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Chosen(self, event.node.data))

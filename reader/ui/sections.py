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

from reader.ui.messages import WidgetMessage
from reader.core.model import Document, Section
from reader.ui.wrap import sanitize


class SectionsTree(Tree[Section]):
    """Every section of a document, nested, expanded."""

    BINDINGS: list[BindingType] = [
        Binding("j", "cursor_down", "Next entry", show=False, id="sections.down"),
        Binding("k", "cursor_up", "Previous entry", show=False, id="sections.up"),
    ]

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
        self._add_children(self.root, doc.root)
        self.root.expand_all()

    def set_outline(self, outline: Section) -> None:
        """Show this outline: a big document's scanned outline, then its parsed one.

        Both list the same sections in the same order, so section indices (and
        the cursor) carry over.
        """
        current = self.current
        self.clear()
        self.root.data = outline
        self._section_nodes.clear()
        self._add_children(self.root, outline)
        self.root.expand_all()
        if current is not None and current.index in self._section_nodes:
            self.move_cursor(self._section_nodes[current.index], animate=False)

    def _add_children(self, node: TreeNode[Section], section: Section) -> None:
        for child in section.children:
            label = Text(sanitize(child.title) or "(untitled)")
            if child.children:
                added = node.add(label, data=child)
                self._add_children(added, child)
            else:
                added = node.add_leaf(label, data=child)
            self._section_nodes[child.index] = added

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

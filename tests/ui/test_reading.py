"""Opening the sample, scrolling with less/vim keys, sections and scroll-spy."""

from __future__ import annotations

from textual.geometry import Region

from reader.ui.article import ArticleView
from reader.ui.sections import SectionsTree

from ui_helpers import screen_text


async def test_opens_with_title_sections_and_article(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        text = screen_text(sample_app)
        assert "Czech Republic Leads EU in Restricting Russian" in text.splitlines()[0]
        for title in ["A Response to Escalating Sec", "Details of the New restricti", "Looking Ahead"]:
            assert title in text
        assert "The Czech Republic has taken a decisive step" in text
        assert sample_app.focused is sample_app.screen.query_one(ArticleView)


async def test_scroll_keys_move_the_view(sample_app):
    async with sample_app.run_test(size=(100, 24)) as pilot:
        article = sample_app.screen.query_one(ArticleView)
        await pilot.pause()
        await pilot.press("j", "j", "down")
        assert article.scroll_y == 3
        await pilot.press("k")
        assert article.scroll_y == 2
        await pilot.press("space")
        page = article.size.height - 2
        assert article.scroll_y == 2 + page
        await pilot.press("b")
        assert article.scroll_y == 2
        await pilot.press("d")
        assert article.scroll_y == 2 + article.size.height // 2
        await pilot.press("u", "G")
        assert article.scroll_y == article.max_scroll_y > 0
        assert "100%" in screen_text(sample_app)
        await pilot.press("g")
        assert article.scroll_y == 0
        await pilot.press("end")
        assert article.scroll_y == article.max_scroll_y
        await pilot.press("home")
        assert article.scroll_y == 0


async def test_control_keys_scroll_as_in_less_and_vim(sample_app):
    async with sample_app.run_test(size=(100, 24)) as pilot:
        article = sample_app.screen.query_one(ArticleView)
        await pilot.pause()
        page, half = article.size.height - 2, article.size.height // 2
        await pilot.press("ctrl+e", "ctrl+e")
        assert article.scroll_y == 2
        await pilot.press("ctrl+y")
        assert article.scroll_y == 1
        await pilot.press("ctrl+f")
        assert article.scroll_y == 1 + page
        await pilot.press("ctrl+d")
        assert article.scroll_y == 1 + page + half
        await pilot.press("ctrl+u")
        assert article.scroll_y == 1 + page
        await pilot.press("ctrl+b")
        assert article.scroll_y == 1


async def test_next_and_previous_section_move_view_and_navigator(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        screen = sample_app.screen
        article, tree = screen.query_one(ArticleView), screen.query_one(SectionsTree)
        sections = screen.doc.all_sections
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert article.top_offset == sections[0].start
        assert tree.current is sections[0]
        assert "§ A Response to Escalating Security Threats" in screen_text(sample_app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert tree.current is sections[2]
        assert "§ Broader Implications" in screen_text(sample_app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert tree.current is sections[1]
        assert article.top_offset == sections[1].start


async def test_scroll_spy_follows_plain_scrolling(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        screen = sample_app.screen
        article, tree = screen.query_one(ArticleView), screen.query_one(SectionsTree)
        sections = screen.doc.all_sections
        await pilot.pause()
        row = article.wrap.row_of(sections[1].start)
        for _ in range(row):
            await pilot.press("j")
        await pilot.pause()
        assert tree.current is sections[1]
        await pilot.press("k")
        await pilot.pause()
        assert tree.current is sections[0]


async def test_choosing_a_section_in_the_tree_puts_its_heading_on_top(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        screen = sample_app.screen
        article = screen.query_one(ArticleView)
        sections = screen.doc.all_sections
        await pilot.press("s")
        assert isinstance(sample_app.focused, SectionsTree)
        await pilot.press("down", "down", "enter")  # the cursor starts before the first section
        await pilot.pause()
        assert article.top_offset == sections[1].start
        lines = screen_text(sample_app).splitlines()
        assert "Details of the New restrictions" in lines[1]


async def test_last_section_stays_current_when_it_cannot_reach_the_top(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        screen = sample_app.screen
        tree = screen.query_one(SectionsTree)
        last = screen.doc.all_sections[-1]
        await pilot.pause()
        for _ in screen.doc.all_sections:
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert tree.current is last
        assert f"§ {last.title}" in screen_text(sample_app)


async def test_bullets_show_their_marker_and_hang(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        sample_app.screen.go_to_section(sample_app.screen.doc.sections[2])
        await pilot.pause()
        lines = screen_text(sample_app).splitlines()
        first = next(i for i, line in enumerate(lines) if "• Increased Vigilance:" in line)
        column = lines[first].index("•")
        assert lines[first + 1][column : column + 2] == "  " and lines[first + 1][column + 2] != " "


async def test_the_status_line_follows_the_article_in_the_next_frame(sample_app, monkeypatch):
    """The compositor redraws the rectangle around all that changed in a frame: the status
    line (the whole width) changing with the page would make it the whole screen."""
    from textual._compositor import Compositor

    crops = []
    render = Compositor.render_partial_update

    def recording(self):
        if self._dirty_regions:
            crops.append(Region.from_union(list(self._dirty_regions)))
        return render(self)

    monkeypatch.setattr(Compositor, "render_partial_update", recording)
    async with sample_app.run_test(size=(160, 48)) as pilot:
        screen = sample_app.screen
        article, status = screen.query_one(ArticleView), screen.query_one("#status")
        sections = screen.doc.all_sections
        await pilot.pause()
        before = str(status.render())
        crops.clear()
        # a new page and the news of it handled before the frame is drawn
        article.scroll_to(y=article.wrap.row_of(sections[1].start), animate=False)
        screen._position_changed(ArticleView.PositionChanged(article, sections[1].start, article.percent))
        for widget in (article, status):
            widget._check_refresh()  # what each does when idle: hand its repaint to the compositor
        await pilot.pause()
        page = next(c for c in crops if c.overlaps(article.region))
        assert not page.overlaps(status.region)  # the page's own frame: the article only
        assert any(c.overlaps(status.region) for c in crops[crops.index(page) + 1 :])
        assert str(status.render()) != before and sections[1].title[:20] in str(status.render())


async def test_the_navigator_cursor_stays_where_the_reader_moved_it_while_the_section_stays(sample_app):
    async with sample_app.run_test(size=(160, 48)) as pilot:
        screen = sample_app.screen
        article, tree = screen.query_one(ArticleView), screen.query_one(SectionsTree)
        await pilot.pause()
        tree.focus()
        await pilot.press("down", "down")
        browsing = tree.cursor_line
        article.scroll_to(y=1, animate=False)  # the article moves, the section stays the same
        await pilot.pause()
        assert tree.cursor_line == browsing
        screen.go_to_section(screen.doc.all_sections[-1])  # a new section: the cursor follows
        await pilot.pause()
        assert tree.current is screen.doc.all_sections[-1]

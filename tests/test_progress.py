import io

from care_directory.progress import Stage


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_in_a_log_each_stage_writes_one_summary_line():
    log = io.StringIO()
    with Stage("Checking listings", 3, log) as stage:
        for _ in range(3):
            stage.step()
    lines = log.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Checking listings: 3 in ") and lines[0].endswith(" s")


def test_on_a_terminal_the_line_shows_the_count_and_time_left():
    screen = Terminal()
    with Stage("Writing provider pages", 2, screen) as stage:
        stage.step()
        stage.last_shown -= 1  # as if a moment had passed
        stage.step()
    assert "\rWriting provider pages: 2 of 2, about 0 s left" in screen.getvalue()
    assert screen.getvalue().rstrip().endswith(" s")

"""Reading picture files: every way it can go wrong is one clear error."""

import pytest
from PIL import Image

from digitpad.images import ImageFileError, read_image


def test_a_picture_is_read_whole(tmp_path):
    path = tmp_path / "digit.png"
    Image.new("L", (40, 30), 255).save(path)
    assert read_image(path).size == (40, 30)


def test_an_enormous_picture_is_refused_before_it_is_decoded(tmp_path):
    path = tmp_path / "huge.png"
    Image.new("1", (10_000, 6_000)).save(path)  # 60 megapixels, a few kilobytes on disk
    with pytest.raises(
        ImageFileError, match=r"too large \(10,000 x 6,000 pixels; digitpad reads up to 50 megapixels\)"
    ):
        read_image(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.write_text("hello"), "not a picture digitpad can read"),
        (lambda path: path.write_bytes(_png()[:60]), "a damaged picture"),
        (lambda path: None, "no such file"),
        (lambda path: path.mkdir(), "is a folder, not a picture"),
    ],
)
def test_bad_files_get_one_clear_error(tmp_path, make, message):
    path = tmp_path / "digit.png"
    make(path)
    with pytest.raises(ImageFileError, match=message):
        read_image(path)


def _png() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 40).save(buffer, "PNG")
    return buffer.getvalue()

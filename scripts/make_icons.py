"""Draw the web app's icons (PNG) into static/icons/: run again after changing the design.

A white shield with "OOV" on the menu bar's blue; the maskable variant keeps the
shield inside the safe zone (the inner 80 %) that Android may crop to a circle.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BLUE = (13, 110, 253)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def draw(size: int, *, maskable: bool = False, rounded: bool = True) -> Image.Image:
    scale = 4  # draw large, shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable or not rounded:
        pen.rectangle([0, 0, big, big], fill=BLUE)
    else:
        pen.rounded_rectangle([0, 0, big - 1, big - 1], radius=big // 6, fill=BLUE)
    inset = 0.22 if maskable else 0.14
    left, top, right = big * inset, big * inset, big * (1 - inset)
    width = right - left
    bottom = top + width * 1.1
    mid = (left + right) / 2
    shield = [
        (left, top + width * 0.12),
        (mid, top),
        (right, top + width * 0.12),
        (right, top + width * 0.55),
        (mid, bottom),
        (left, top + width * 0.55),
    ]
    pen.polygon(shield, fill=WHITE)
    font = ImageFont.truetype(FONT, int(width * 0.30))
    text = "OOV"
    box = pen.textbbox((0, 0), text, font=font)
    tw, th = box[2] - box[0], box[3] - box[1]
    pen.text(
        (mid - tw / 2 - box[0], top + width * 0.42 - th / 2 - box[1]), text, font=font, fill=BLUE
    )
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192).save(OUT / "icon-192.png", optimize=True)
    draw(512).save(OUT / "icon-512.png", optimize=True)
    draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    # iOS rounds the corners itself and shows transparency as black: a full square.
    draw(180, rounded=False).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    print("written:", ", ".join(sorted(p.name for p in OUT.glob("*.png"))))


if __name__ == "__main__":
    main()

"""Static files storage for production: WhiteNoise's compressed manifest storage."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in str(p)))
        for extension, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """The vendored libraries ship without their source maps (they only help a
    developer's browser tools), so their ``sourceMappingURL`` comments are left
    as they are instead of failing collectstatic on the missing .map files."""

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)

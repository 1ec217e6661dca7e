"""The release a bureau drops on its server (``make release``, ``python -m release``).

``release.build`` builds the site into ``build/release/<name>/`` and writes ``dist/``:

- ``<name>.tar.gz`` and ``<name>.zip``: the site at the archive's one top folder,
  with a ``.br`` and a ``.gz`` beside every file that compresses
  (``release.compress``), byte-identical for the same commit (``release.archive``:
  fixed timestamps, order, owners and modes);
- ``deploy/``: the nginx configuration and ``serve-nginx.sh`` (also in the site,
  under ``assets/deploy/``, and printed on the 部署说明 page);
- ``SHA256SUMS`` of all of it (``sha256sum -c SHA256SUMS``).

``<name>`` is ``cluster-guide-<date>-<hash>``: the date of the release's commit and
a hash of the site's files, so two releases with the same name are the same bytes.
"""

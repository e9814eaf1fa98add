"""Embedded files ("attachments") in PDF documents, e.g. a scorecard's ``scorecard.json``.

Files go into the catalog's /EmbeddedFiles name tree, which every viewer lists as
attachments. Embed before signing: the signature then covers the attachment, and any
later change to it is an incremental update that :func:`verify_pdf` rejects.
"""

from __future__ import annotations

import io
import logging
import zlib
from typing import Any

from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import PdfHandler

from .errors import PdfDocumentError

_log = logging.getLogger(__name__)

_MAX_NAME_TREE_DEPTH = 16  # guards against reference loops in hostile files
_MAX_LISTED = 64  # attachments listed before a hostile file's count stops mattering
# scorecard.json is a few KB; an attachment is inflated no further than this, so a Flate
# bomb costs at most this much memory.
MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024


class AttachmentRefused(Exception):
    """The signed revision's attachments are not what this program's documents hold."""


class TooManyAttachments(AttachmentRefused):
    pass


class AttachmentTooLarge(AttachmentRefused):
    pass


def _inflate(stream: Any, limit: int) -> bytes:
    """A stream's data, decoded by this module (Flate or none) and never beyond `limit`
    bytes: pyHanko's own decoding inflates everything first."""
    filters = _get(stream, "/Filter")
    if filters is None:
        names: list[str] = []
    elif isinstance(filters, generic.NameObject):
        names = [str(filters)]
    else:
        names = [str(f) for f in filters]
    encoded = bytes(stream.encoded_data)
    if not names:
        if len(encoded) > limit:
            raise AttachmentTooLarge(f"the attachment holds {len(encoded):,} bytes")
        return encoded
    if names != ["/FlateDecode"] or _get(stream, "/DecodeParms") is not None:
        raise AttachmentRefused(f"the attachment is encoded as {names}")
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(encoded, limit + 1)
    except zlib.error as error:
        raise AttachmentRefused(f"the attachment's compressed data is damaged ({error})") from None
    if len(data) > limit:
        raise AttachmentTooLarge(
            f"the attachment inflates to more than {limit // (1024 * 1024)} MiB"
        )
    return data


def _check_file_name(name: str) -> None:
    # /F must be PDFDocEncoding-safe; keep names plain so every viewer shows them.
    if not name or not name.isascii() or not name.isprintable() or "/" in name or "\\" in name:
        raise ValueError(f"attachment name must be plain printable ASCII: {name!r}")


def embed_file(pdf: bytes, name: str, data: bytes, mime: str = "application/json") -> bytes:
    """Return ``pdf`` with ``data`` attached as ``name`` (replacing a same-named file).

    The attachment is added as an incremental update; call this before signing.
    Raises :class:`PdfDocumentError` if the PDF cannot be read or holds a nested
    (non-flat) attachment tree, which our own documents never do.
    """
    _check_file_name(name)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    except Exception as exc:  # pyHanko raises many types for unreadable input
        raise PdfDocumentError("The PDF could not be read to attach a file.") from exc
    if writer.prev.encrypted:
        raise PdfDocumentError("Encrypted PDFs are not supported.")

    stream = embed.EmbeddedFileObject.from_file_data(
        writer,
        data=data,
        mime_type=mime,
        params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True),
    )
    spec_ref = writer.add_object(
        embed.FileSpec(file_spec_string=name, file_name=name, embedded_data=stream).as_pdf_object()
    )

    root = writer.root
    if "/Names" in root:
        names_dict = root["/Names"]
    else:
        names_dict = generic.DictionaryObject()  # type: ignore[no-untyped-call]
        root["/Names"] = writer.add_object(names_dict)
        writer.update_root()  # type: ignore[no-untyped-call]
    if "/EmbeddedFiles" in names_dict:
        tree = names_dict["/EmbeddedFiles"]
    else:
        tree = generic.DictionaryObject()  # type: ignore[no-untyped-call]
        names_dict["/EmbeddedFiles"] = writer.add_object(tree)
        writer.update_container(names_dict)
    if "/Kids" in tree:
        raise PdfDocumentError("This PDF has a nested attachment tree, which is not supported.")
    if "/Names" in tree:
        entries = tree["/Names"]
    else:
        entries = generic.ArrayObject()
        tree["/Names"] = writer.add_object(entries)
        writer.update_container(tree)

    # Name trees must stay sorted by key (ISO 32000 7.9.6); keys are ASCII here.
    pairs: list[tuple[str, Any]] = [
        (str(entries[i]), entries.raw_get(i + 1))
        for i in range(0, len(entries) - 1, 2)
        if str(entries[i]) != name
    ]
    pairs.append((name, spec_ref))
    pairs.sort(key=lambda pair: pair[0].encode("latin-1", "replace"))
    entries.clear()
    for key, value in pairs:
        entries.append(generic.pdf_string(key))
        entries.append(value)
    writer.update_container(entries)

    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _name_tree_lookup(node: Any, name: str, depth: int = 0) -> Any | None:
    if depth > _MAX_NAME_TREE_DEPTH:
        return None
    if "/Names" in node:
        entries = node["/Names"]
        for i in range(0, len(entries) - 1, 2):
            if str(entries[i]) == name:
                return entries[i + 1]
    if "/Kids" in node:
        for kid in node["/Kids"]:
            found = _name_tree_lookup(kid.get_object(), name, depth + 1)
            if found is not None:
                return found
    return None


def _get(node: Any, key: str, default: Any = None) -> Any:
    # dict.get would bypass pyHanko's __getitem__, which resolves indirect references.
    return node[key] if key in node else default  # noqa: SIM401


def _spec_names(spec: Any) -> set[str]:
    return {str(spec[key]) for key in ("/UF", "/F") if key in spec}


def _spec_data(spec: Any, limit: int = MAX_ATTACHMENT_BYTES) -> bytes | None:
    if "/EF" not in spec:
        return None
    ef = spec["/EF"]
    for key in ("/UF", "/F"):
        if key in ef:
            stream = ef[key]
            if isinstance(stream, generic.StreamObject):
                return _inflate(stream, limit)
    return None


def _name_tree_specs(node: Any, found: list[tuple[str, Any]], depth: int = 0) -> None:
    if depth > _MAX_NAME_TREE_DEPTH or len(found) > _MAX_LISTED:
        return
    if "/Names" in node:
        entries = node["/Names"]
        for i in range(0, min(len(entries) - 1, 2 * _MAX_LISTED + 2), 2):
            found.append((str(entries[i]), entries[i + 1]))
    if "/Kids" in node:
        for kid in node["/Kids"]:
            _name_tree_specs(kid.get_object(), found, depth + 1)


def _annotation_specs(handler: PdfHandler, found: list[tuple[str, Any]]) -> None:
    stack: list[tuple[Any, int]] = [(handler.root["/Pages"], 0)]
    while stack and len(found) <= _MAX_LISTED:
        node, depth = stack.pop()
        if depth > _MAX_NAME_TREE_DEPTH:
            continue
        if "/Kids" in node:
            stack.extend((kid.get_object(), depth + 1) for kid in node["/Kids"])
            continue
        for annot in _get(node, "/Annots", ()):
            annot = annot.get_object()
            if _get(annot, "/Subtype") == "/FileAttachment" and "/FS" in annot:
                spec = annot["/FS"]
                named = isinstance(spec, generic.DictionaryObject)
                names = sorted(_spec_names(spec)) if named else []
                found.append((names[0] if names else "", spec))


def sole_attachment(handler: PdfHandler, name: str) -> bytes | None:
    """The content of attachment `name` when it is the document's only one (None when
    the only one is another, or there is none). More than one attachment raises
    `TooManyAttachments`, a content over MAX_ATTACHMENT_BYTES `AttachmentTooLarge`, any
    other encoding than Flate `AttachmentRefused`: the program's documents carry exactly
    one small file."""
    found: list[tuple[str, Any]] = []
    root = handler.root
    if "/Names" in root and "/EmbeddedFiles" in root["/Names"]:
        _name_tree_specs(root["/Names"]["/EmbeddedFiles"], found)
    _annotation_specs(handler, found)
    if len(found) > 1:
        names = ", ".join(sorted({n for n, _ in found})[:5])
        raise TooManyAttachments(f"the file carries {len(found)} attachments ({names})")
    if not found or found[0][0] != name:
        return None
    spec = found[0][1].get_object()
    if not isinstance(spec, generic.DictionaryObject):
        return None
    return _spec_data(spec)


def _find_in_annotations(handler: PdfHandler, name: str) -> bytes | None:
    found: list[tuple[str, Any]] = []
    _annotation_specs(handler, found)
    for _, spec in found:
        if isinstance(spec, generic.DictionaryObject) and name in _spec_names(spec):
            return _spec_data(spec)
    return None


def extract_embedded_file(pdf: bytes, name: str) -> bytes | None:
    """The content of the attachment called ``name``, or None if absent or unreadable.

    In a signed PDF the file is read from the signed revision, so an attachment
    swapped in by a later update is never returned.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        if reader.encrypted:
            return None
        return extract_from_reader(reader, reader.embedded_signatures, name)
    except Exception:  # hostile or damaged input must not crash the caller
        _log.debug("could not extract %r from PDF", name, exc_info=True)
        return None


def extract_from_reader(reader: PdfFileReader, signatures: Any, name: str) -> bytes | None:
    """As :func:`extract_embedded_file`, for a reader (and its signatures) already parsed:
    parsing the signature's hex string is the costly part of reading a scorecard."""
    try:
        handler: PdfHandler = reader
        if signatures:
            handler = reader.get_historical_resolver(signatures[0].signed_revision)
        root = handler.root
        spec = None
        if "/Names" in root and "/EmbeddedFiles" in root["/Names"]:
            spec = _name_tree_lookup(root["/Names"]["/EmbeddedFiles"], name)
        if spec is not None:
            return _spec_data(spec.get_object())
        return _find_in_annotations(handler, name)
    except Exception:  # hostile or damaged input must not crash the caller
        _log.debug("could not extract %r from PDF", name, exc_info=True)
        return None

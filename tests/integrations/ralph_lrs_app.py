"""Ralph's LRS app with its file-system backend appending (stock, a second new statement answers 500:
"fs_lrs.jsonl already exists and overwrite is not allowed with operation_type create"; see PEERS.md (d))."""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402,F401

"""Where an uploaded file waits while its request runs.

Django writes an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a named
temporary file (/tmp/tmpXXXX.upload.webp) and removes it when the request
ends; a worker killed before that (gunicorn's timeout, the kernel's
out-of-memory killer) leaves it there for good. Here the file has no name:
the kernel frees it when its last descriptor closes, however the process
ends.

Used through settings.FILE_UPLOAD_HANDLERS, after Django's
MemoryFileUploadHandler.
"""

import tempfile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class UnnamedTemporaryUploadedFile(UploadedFile):
    """An upload kept in an unnamed temporary file (O_TMPFILE on Linux).
    Unlike Django's TemporaryUploadedFile it has no temporary_file_path():
    storages copy it instead of moving it."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        file = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)
        super().__init__(file, name, content_type, size, charset, content_type_extra)


class UnnamedTemporaryFileUploadHandler(FileUploadHandler):
    """Django's TemporaryFileUploadHandler, with files that leave nothing
    behind."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = UnnamedTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )

    def receive_data_chunk(self, raw_data, start):
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self):
        if hasattr(self, "file"):
            self.file.close()

-- The output journal keeps a batch of records in one document: the projector resumes at the start of the
-- document that holds its last record and passes over the records up to its sequence. A position written before
-- (the document after the record, one record per document) resumes the same way: there is nothing to pass over.
ALTER TABLE projection_position RENAME COLUMN next_document_position TO document_position;
COMMENT ON COLUMN projection_position.file_name IS 'the cycle file the last record is in';
COMMENT ON COLUMN projection_position.document_position IS 'where the last record''s document starts in that file';

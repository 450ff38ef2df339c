# Transcripts keep attachments (issue 16): shown beside a file too large to keep
transcript-attachment-not-kept = (too large to keep: Discord's link will expire)

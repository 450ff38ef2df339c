# Messages about where Guichet reads its files (an installed bot, an admin's config repository).

# $folder: an admin's locale folder, e.g. "locales/fr/"; $files: the .ftl names found there.
packaging-bot-files-unread = { $folder }: { $files } not read: Guichet's own messages come with it. A server's texts go in { $folder }servers/.
# $folder: e.g. "locales/de/"; $code: "de"; $shipped: "en-US, fr"
packaging-locale-not-shipped = { $folder }: Guichet has no messages in { $code } (it ships { $shipped }), so members never see these texts.

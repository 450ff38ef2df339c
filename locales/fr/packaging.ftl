# Messages sur l'endroit où Guichet lit ses fichiers (bot installé, dépôt de configuration d'un admin).

# $folder : dossier de langue d'un admin, p. ex. « locales/fr/ » ; $files : les noms .ftl trouvés.
packaging-bot-files-unread = { $folder } : { $files } non lus : les messages propres à Guichet sont livrés avec lui. Les textes d'un serveur vont dans { $folder }servers/.
# $folder : p. ex. « locales/de/ » ; $code : « de » ; $shipped : « en-US, fr »
packaging-locale-not-shipped = { $folder } : Guichet n'a pas de messages en { $code } (il livre { $shipped }), les membres ne verront donc jamais ces textes.

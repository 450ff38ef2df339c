# Où il manque une permission au bot, dans « Il me manque des permissions … : { $permissions } »
# et dans la ligne du salon de journal sur un ticket qui n’a pas pu être ouvert. $permissions :
# une liste de noms de permissions ; $channel : la mention d’un salon ou d’une catégorie.
bot-permissions-in-server = { $permissions } dans les permissions de serveur de mon rôle
bot-permissions-in-category = { $permissions } dans la catégorie { $channel }
bot-permissions-in-channel = { $permissions } dans { $channel }

## guichet import --guild ID: a server file from what a guild already holds

import-help = Write a server file and its texts from an existing server: its roles, categories and text channels, declared and adopted by id
import-opt-name = name of the server file (default: from the server's name)
# $guild: the guild's name
import-header = Imported from { $guild }: every role, category and text channel is adopted by its id, so the first guichet apply takes it over without changing it. Review the system below.
import-systems = A starter ticket system: pick its category, handlers and topics, then add panels.
# $guild: the id; $path: the file that already configures it
import-guild-has-file = { $path } already configures server { $guild }: keep only one of the two files (one file per server)
import-guild-unreadable = Server { $guild } could not be read: is the bot in it, with View Channels?
# $path: the file written
import-next = Check it with: guichet validate { $path }; guichet plan then shows each resource adopted.
# $what: the Discord name concerned
import-left-managed-role = not imported: role "{ $what }" is managed by Discord (a bot's or the boosters' role)
import-left-channel-type = not imported: "{ $what }" is not a text channel or a category (voice, stage, forum and announcement channels are not declared)
import-left-member-overwrite = not imported: an overwrite of "{ $what }" for one member (a file declares overwrites for roles only)
import-left-channel-name = not imported: channel "{ $what }" has a name a server file cannot declare (spaces, emoji or capitals)
import-left-manage-roles-overwrite = not imported: manage_roles in an overwrite of "{ $what }" (only administrators may set it)
import-left-channel-settings = not declared: the slowmode or NSFW setting of "{ $what }", left as it is
import-left-positions = not declared: positions of roles and channels, left where they are

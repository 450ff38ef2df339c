## guichet new-server --declare : commentaires du fichier créé (langue de l'admin) et noms de
## ce qu'il déclare (langue du serveur)

cli-new-server-declare-help = déclarer le rôle d'équipe, la catégorie des tickets et les salons dans le fichier (guichet apply les crée) : aucun identifiant à copier sauf celui du serveur
cli-new-server-next-declared = Vérifiez-le avec : guichet validate { $path } ; puis guichet plan montre ce que guichet apply créera.
cli-declare-staff = le rôle Équipe déclaré plus bas
cli-declare-resources = Créés par guichet apply, puis maintenus comme déclarés. Pour reprendre l'un de ceux que vous avez déjà, ajoutez adopt: true (même nom) ou adopt: son identifiant.
cli-declare-overwrites = seuls l'équipe et le bot voient la catégorie
cli-declare-in-category = un salon de la catégorie part de ses dérogations
cli-declare-support = les membres lisent le panneau ici ; seul le bot y écrit
cli-declare-name-staff = Équipe
cli-declare-name-tickets = Tickets
cli-declare-name-log = journal-tickets
cli-declare-name-transcripts = transcriptions
cli-declare-name-support = support
cli-declare-support-topic = Ouvrez un ticket ci-dessous.

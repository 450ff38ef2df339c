## `guichet plan` et `guichet apply` dans un flux GitOps (CI, pre-commit) : avec quoi un plan
## a été comparé, et ce qu'une application a fait en plus des panneaux.

# $path : le fichier de base de données lu par le plan.
gitops-state-database = Comparé aux enregistrements de { $path } (ce que Guichet a appliqué en dernier), pas à Discord : ajoutez --refresh pour vérifier aussi Discord.
gitops-state-refreshed = Comparé aux enregistrements de { $path } et aux panneaux que le bot trouve dans Discord.
gitops-state-sandbox = Aucun GUICHET_TOKEN défini : comparé aux enregistrements du bac à sable local dans { $path }, pas à votre Discord.
gitops-state-empty = Cette base ne contient encore aucun enregistrement de ces serveurs : chaque panneau apparaît donc à créer. Pour comparer à un bot en service, indiquez sa base dans GUICHET_DATABASE, ou définissez GUICHET_TOKEN et ajoutez --refresh pour chercher les panneaux dans Discord.
gitops-plan-opt-detailed-exitcode = code de sortie 0 s'il n'y a rien à changer, 2 s'il y a des changements, 1 en cas d'erreur (pour la CI)

# $scope : « globales » (plan-commands-scope-global) ou « serveur 123… »
apply-commands-synced = ✓ commandes slash ({ $scope }) : synchronisées
# $path : un fichier de serveur en erreur, p. ex. servers/shop.yaml
apply-file-skipped = … { $path } : non appliqué, le fichier contient des erreurs (voir plus haut) ; ses panneaux restent tels quels

# Une ouverture qui attend son tour sous les limites de Discord (beaucoup d’ouvertures à la
# fois) : la réponse différée du membre devient ce message, puis la réponse habituelle.

opening-wait-slowed = ⏳ Votre ticket est en cours de création. Discord ralentit les choses en ce moment, cela prend donc un peu plus de temps : le lien apparaîtra ici, inutile de cliquer à nouveau.

# Un membre de l’équipe ouvre un ticket pour un membre (/ticket create), qui attend de même.
opening-wait-slowed-for = ⏳ Le ticket est en cours de création. Discord ralentit les choses en ce moment, cela prend donc un peu plus de temps : son lien apparaîtra ici.

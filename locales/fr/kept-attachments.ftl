# Les transcriptions gardent les pièces jointes (issue 16) : à côté d'un fichier trop lourd pour être gardé
transcript-attachment-not-kept = (trop lourd pour être gardé : le lien de Discord expirera)

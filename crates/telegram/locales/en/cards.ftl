# en: cards messages (see ../en.ftl for the core screens)

# en: notices messages (see ../en.ftl for the core screens)

# en: payments messages (see ../en.ftl for the core screens)

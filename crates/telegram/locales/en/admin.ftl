# en: admin messages (see ../en.ftl for the core screens)

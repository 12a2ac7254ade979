# fa: cards messages (see ../fa.ftl for the core screens)

# fa: admin messages (see ../fa.ftl for the core screens)

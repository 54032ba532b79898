{
    "name": "Certyo Connector - Quality",
    "summary": "Anchor passed and failed quality checks on Certyo (bridge for Enterprise's quality_control)",
    "version": "16.0.1.0.0",
    "category": "Manufacturing/Quality",
    "license": "LGPL-3",
    "author": "CertyoOdoo",
    "website": "https://www.certyos.com",
    "depends": ["certyo_connector", "quality_control"],
    "data": [
        "data/certyo_resync_actions.xml",
        "views/quality_check_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
